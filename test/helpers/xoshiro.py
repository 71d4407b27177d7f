"""xoshiro256** 1.0 and its splitmix64 seeding, transcribed in plain Python from the authors'
C reference (https://prng.di.unimi.it/xoshiro256starstar.c, splitmix64.c) with
arbitrary-precision integers masked to 64 bits -- independent of soukan's 32-bit-halves
arithmetic (packages/core/src/random/xoshiro256.ts). Used by reference generators that must
draw the same stream as soukan for a seed.
"""

M = (1 << 64) - 1


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


class SplitMix64:
    def __init__(self, seed):
        self.x = seed & M

    def next(self):
        self.x = (self.x + 0x9E3779B97F4A7C15) & M
        z = self.x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)


class Xoshiro256ss:
    def __init__(self, seed):
        sm = SplitMix64(seed)
        self.s = [sm.next() for _ in range(4)]

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def double(self):
        return (self.next() >> 11) * 2.0 ** -53
