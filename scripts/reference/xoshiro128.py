"""xoshiro128** seeded by splitmix64, written straight from the authors' C code
(https://prng.di.unimi.it/xoshiro128starstar.c and splitmix64.c) with Python's unbounded
integers masked to 32/64 bits: an implementation independent of the TypeScript one
(src/core/random/createRng.ts), which relies on JavaScript's `Math.imul`, `>>>` and BigInt.
The reference scripts beside it import it to make the same numbers as the tests.
"""
import math

M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


class Xoshiro128ss:
    def __init__(self, seed):
        x, a = splitmix64(seed)
        x, b = splitmix64(x)
        self.s = [a & M32, a >> 32, b & M32, b >> 32]

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M32, 7) * 9) & M32
        t = (s[1] << 9) & M32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
        return result

    def uniform(self):
        hi = self.next() >> 5
        lo = self.next() >> 6
        return (hi * 67108864 + lo) / 9007199254740992.0

    def normal_pair(self):
        while True:
            u = 2 * self.uniform() - 1
            v = 2 * self.uniform() - 1
            r2 = u * u + v * v
            if 0 < r2 < 1:
                scale = math.sqrt(-2 * math.log(r2) / r2)
                return u * scale, v * scale
