"""The log flood: an input file of numbered ~100-byte lines, and a counter of how many of them reached a peer's
log files (every peer's line ends with the payload, whatever prefix it adds)."""
import os

FILLER = b"x" * 91
LINE_END = b"x\n"  # only payload lines end like this: each is '%07d ' + 91 x + '\n' = 100 bytes


def write_input(path, count):
    if os.path.exists(path) and os.path.getsize(path) == count * 100:
        return
    with open(path + ".tmp", "wb") as f:
        batch = []
        for i in range(count):
            batch.append(b"%07d " % i + FILLER + b"\n")
            if len(batch) == 10000:
                f.write(b"".join(batch))
                batch.clear()
        f.write(b"".join(batch))
    os.replace(path + ".tmp", path)


class LineCounter:
    """Counts payload lines in a set of growing files, reading each byte once."""

    def __init__(self):
        self._offsets = {}
        self.lines = 0

    def poll(self, paths):
        """Reads what was appended since the last call; returns True if anything was."""
        grew = False
        for path in paths:
            offset = self._offsets.get(path, 0)
            try:
                with open(path, "rb") as f:
                    f.seek(offset)
                    data = f.read()
            except FileNotFoundError:
                continue
            end = data.rfind(b"\n") + 1  # a partial last line is counted when it is complete
            if end:
                self.lines += data.count(LINE_END, 0, end)
                self._offsets[path] = offset + end
                grew = True
        return grew
