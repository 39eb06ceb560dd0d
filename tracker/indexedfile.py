"""A file of marshalled values by key, each read when first asked for.

The per-install stores (compiled patterns, compiled modules) hold more than
any one command uses: a short English diff needs a third of the modules
and half the patterns. Reading and unmarshalling a whole store costs in
proportion to all of it (1.3 ms for the patterns' 420 KB); here a command
reads a small index, then only the values it asks for, each with one
``pread`` of the file, kept open for the purpose.

The file: ``HEAD`` bytes giving the length of the index, the index
(marshal: the caller's ``head`` value and each key's offset and length),
then the values (marshal), the offsets counted from the end of the index.
Standard library only: the engine and the command line both use it.
"""

import marshal
import os

HEAD = 8
_FIRST_READ = 16_384  # the index of either store fits, so one read does for most


class Values:
    """Values by key: the file's, unmarshalled on first use, and any added."""

    def __init__(self, places: dict | None = None, descriptor: int | None = None,
                 base: int = 0) -> None:
        self.places = {} if places is None else places
        self.loaded: dict = {}
        self.descriptor = descriptor
        self.base = base

    def get(self, key, default=None):
        value = self.loaded.get(key, self)
        if value is not self:
            return value
        place = self.places.get(key)
        if place is None:
            return default
        try:
            value = marshal.loads(os.pread(self.descriptor, place[1], self.base + place[0]))
        except (OSError, EOFError, ValueError, TypeError):
            return default
        self.loaded[key] = value
        return value

    def __setitem__(self, key, value) -> None:
        self.loaded[key] = value

    def __contains__(self, key) -> bool:
        return key in self.loaded or key in self.places

    def keys(self) -> set:
        return self.places.keys() | self.loaded.keys()

    def __iter__(self):
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def everything(self) -> dict:
        """Every value, the file's read now (to write them all elsewhere)."""
        return {key: value for key in self
                if (value := self.get(key, self)) is not self}


def read(path: str | os.PathLike) -> tuple[object, Values] | None:
    """The caller's head value and the values of the file at ``path``, or
    None if it cannot be read as one. The file stays open while the values
    may be asked for: a file written meanwhile replaces it, not what this
    reads."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        start = os.read(descriptor, _FIRST_READ)
        length = int.from_bytes(start[:HEAD], "little")
        if len(start) < HEAD or HEAD + length > os.fstat(descriptor).st_size:
            raise ValueError("not an indexed file: its index runs past its end")
        index = start[HEAD:HEAD + length]
        if len(index) < length:
            index += os.pread(descriptor, length - len(index), HEAD + len(index))
        head, places = marshal.loads(index)
        if not isinstance(places, dict):
            raise TypeError("not an indexed file: no index")
    except (OSError, EOFError, ValueError, TypeError):
        os.close(descriptor)
        return None
    return head, Values(places, descriptor, HEAD + length)


def write(path: str | os.PathLike, head: object, values: dict) -> None:
    """Write ``head`` and ``values`` (each marshalled; ValueError for one
    marshal cannot keep) atomically: a reader sees the old file or the new."""
    places, blobs, offset = {}, [], 0
    for key, value in values.items():
        blob = marshal.dumps(value)
        places[key] = (offset, len(blob))
        blobs.append(blob)
        offset += len(blob)
    index = marshal.dumps((head, places))
    temporary = f"{os.fspath(path)}.{os.getpid()}.tmp"
    os.makedirs(os.path.dirname(temporary) or ".", exist_ok=True)
    try:
        with open(temporary, "wb") as file:
            file.writelines([len(index).to_bytes(HEAD, "little"), index, *blobs])
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_if_possible(path: str | os.PathLike, head: object, values: Values) -> bool:
    """:func:`write` every value of ``values`` (the file's and those added),
    or return False with nothing written: for a store saved at exit, where
    a folder that cannot be written may only cost the next run some speed."""
    try:
        write(path, head, values.everything())
    except (OSError, ValueError):
        return False
    return True
