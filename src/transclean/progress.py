"""A progress bar on a terminal for a run over many files: files done, MB/s, time left (tqdm)."""

from __future__ import annotations

FORMAT = "transclean {desc} {percentage:3.0f}%|{bar}| {n_fmt}B/{total_fmt}B, {rate_fmt}, {remaining} left"


class FilesBar:
    """The bar, on `stream` (a terminal): advanced by each file's size as it is done."""

    def __init__(self, stream, files: int, size: int | None) -> None:
        from tqdm import tqdm  # only on a terminal: a run that shows no bar never imports it

        self.files, self.done, self._partial = files, 0, 0
        self._bar = tqdm(total=size, file=stream, unit="B", unit_scale=True, leave=False, mininterval=0, miniters=1,
                         dynamic_ncols=True, bar_format=FORMAT, desc=self._count())

    def _count(self) -> str:
        return f"{self.done}/{self.files} files"

    def advance(self, size: int) -> None:
        """One more file done (of `size` bytes, less what `add` counted of it already)."""
        self.done += 1
        self._bar.set_description_str(self._count(), refresh=False)
        self._bar.update(max(0, size - self._partial))
        self._partial = 0

    def add(self, size: int) -> None:
        """Part of the current file done: a long file fixed chunk by chunk."""
        self._partial += size
        self._bar.update(size)

    def clear(self) -> None:
        """Erase the bar before other lines reach the terminal; the next file done draws it again."""
        self._bar.clear()

    def close(self) -> None:
        self._bar.close()
