#!/usr/bin/python3
"""The same predictions in every format `xent eval` reads, for src/formats' columnar readers:
a CSV (the reference: each value printed by repr, which round-trips to the same float64),
and NumPy's own .npz files (np.savez stored, np.savez_compressed deflated) and a
safetensors file (its layout written from the format's spec: an 8-byte little-endian header
length, a JSON header, the tensors' little-endian bytes). Parquet and Arrow IPC are written
from the same values (/tmp/xent-columnar-table.csv) by
scripts/reference/columnar_fixtures_duckdb.mjs (DuckDB, apache-arrow).
Writes test/fixtures/columnar/.

Run from the repository root with Debian's Python (NumPy only):
    /usr/bin/python3 scripts/reference/columnar_fixtures.py
"""
import json
import struct

import numpy as np

OUT = 'test/fixtures/columnar/'
TABLE = '/tmp/xent-columnar-table.csv'
rng = np.random.default_rng(20261207)
rows, classes = 4500, 3
logits = rng.normal(size=(rows, classes)) * 2.0
probs = np.exp(logits - logits.max(axis=1, keepdims=True))
probs /= probs.sum(axis=1, keepdims=True)
# Labels drawn from the predictions themselves, then some flipped: a model that is informative but not calibrated.
labels = np.array([rng.choice(classes, p=p) for p in probs], dtype=np.int64)
flip = rng.random(rows) < 0.2
labels[flip] = rng.integers(0, classes, size=int(flip.sum()))
names = [f'c{k}' for k in range(classes)]

# The table DuckDB and apache-arrow read (not kept: the fixtures are what they write).
with open(TABLE, 'w') as f:
    f.write(','.join(names + ['label']) + '\n')
    for p, y in zip(probs, labels):
        f.write(','.join(repr(float(v)) for v in p) + f',{int(y)}\n')
with open(OUT + 'pred.csv', 'w') as f:
    f.write(','.join(names) + '\n')
    for p in probs:
        f.write(','.join(repr(float(v)) for v in p) + '\n')
with open(OUT + 'labels.csv', 'w') as f:
    for y in labels:
        f.write(f'{int(y)}\n')

np.savez(OUT + 'stored.npz', probs=probs, label=labels)
np.savez_compressed(OUT + 'compressed.npz', probs=probs, label=labels.astype(np.int32))


def safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, (dtype, array) in tensors.items():
        blob = np.ascontiguousarray(array).astype(array.dtype.newbyteorder('<')).tobytes()
        header[name] = {'dtype': dtype, 'shape': list(array.shape), 'data_offsets': [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header['__metadata__'] = {'written_by': 'scripts/reference/columnar_fixtures.py'}
    text = json.dumps(header).encode()
    text += b' ' * (-len(text) % 8)  # the reference implementation pads the header to 8 bytes
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(blobs))


safetensors(OUT + 'pred.safetensors', {'probs': ('F64', probs), 'labels': ('I64', labels)})
print(f'wrote {rows} rows of {classes} classes to {OUT}')
