"""heap.give_back_freed_memory: the C heap's free pages go back to the system."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from resolutions.mkdocs.heap import give_back_freed_memory

pytestmark = pytest.mark.skipif(
    not give_back_freed_memory(), reason="only glibc can trim its heap"
)

FRAGMENTED_HEAP = textwrap.dedent(
    """
    from resolutions.mkdocs.heap import give_back_freed_memory

    def resident_mb():
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * 4096 / 2**20

    # 64 KB blocks come from the C heap (below glibc's mmap threshold); every tenth is
    # kept, so the heap cannot shrink from its top alone when the others are freed.
    blocks = [bytearray(b"x" * 65536) for _ in range(3000)]
    kept = blocks[::10]
    del blocks
    before = resident_mb()
    give_back_freed_memory()
    print(before, resident_mb(), len(kept))
    """
)


def test_freed_blocks_in_the_middle_of_the_heap_leave_the_process() -> None:
    out = subprocess.run(
        [sys.executable, "-c", FRAGMENTED_HEAP], capture_output=True, text=True, check=True
    ).stdout
    before, after, kept = out.split()
    # 3,000 blocks of 64 KB are 188 MB; the 300 kept, 19 MB.
    assert float(before) > 150
    assert float(before) - float(after) > 120
    assert kept == "300"
