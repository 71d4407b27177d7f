# Built by ../build.mjs (node-gyp, from the project's own build step), never
# by npm at install time: this file is deliberately not at the package root,
# so `npm ci` does not run node-gyp and a machine without a compiler or
# OpenBLAS still installs (the WebAssembly and TypeScript kernels are used).
{
  "targets": [
    {
      "target_name": "soukan_native",
      "sources": ["kernels.cc"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!@(pkg-config --cflags-only-I openblas | sed 's/-I//g')"
      ],
      "libraries": ["<!@(pkg-config --libs openblas)"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags_cc": ["-O2", "-std=c++17"]
    }
  ]
}
