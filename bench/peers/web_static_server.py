"""Peer for bench/web.bench.mjs: the smallest honest HTTP server in Python's
standard library (ThreadingHTTPServer) answering GET /api/correlation with the
same JSON bytes soukan serves from its cache. Usage:

    /usr/bin/python3 web_static_server.py BODY.json PORT

It prints "ready" once listening. A ceiling for "serve cached bytes" in
CPython, not a correlation engine.
"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

body = open(sys.argv[1], "rb").read()
port = int(sys.argv[2])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server naming)
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
server.daemon_threads = True
print("ready", flush=True)
server.serve_forever()
