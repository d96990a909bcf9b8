"""A process forked from the build's to do one part of it beside MkDocs, and report.

A fork starts with everything the build holds (the corpus, MkDocs's files and pages),
shared with the build's process until either writes to it.  The child runs one
function, and reports to the parent as JSON on a pipe; the parent may hand it objects
it only has later (``send``, pickled on a second pipe).  Its failure, its death (a
signal: the kernel's out-of-memory killer among them) and the warnings it logs fail
the build at ``join``, naming what it was doing; a failed build kills it (``stop``),
and so does the death of the build's process (``pipeline.die_with_parent``).  Used by
``parallel.py`` (half of the pages) and ``search_worker.py`` (the search index)."""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import pickle
import resource
import signal
import sys
from collections.abc import Callable
from typing import BinaryIO

from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from ..pipeline import die_with_parent, stop_signals_held

log = logging.getLogger("mkdocs.plugins.resolutions")

Report = dict[str, object]

_parent_ends: set[int] = set()
"""The parent's ends of the running children's pipes: a child forked later closes
them, so that it holds none of another's (a child waiting for data would otherwise
wait for every later child too)."""


class ForkedChild:
    """One forked process, from ``start`` to ``join`` (or ``stop``)."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.task = ""
        """What the process does, as the messages say it: « building 3 of the pages »."""
        self.reader: int | None = None  # the parent's end of the report's pipe
        self.to_child: BinaryIO | None = None  # the parent's end of the data's pipe
        self.from_parent: BinaryIO | None = None  # the child's end of it
        self.doing = ""
        """In the child: what it is at (« page 'textes/x.md' »), named if it fails."""

    @property
    def running(self) -> bool:
        return self.pid is not None

    def start(
        self, task: str, work: Callable[[ForkedChild], Report], *, takes_data: bool = False
    ) -> None:
        """Fork a process that runs ``work`` (given this object, to read what the parent
        ``send``s when ``takes_data``) and reports what it returns; in the parent, return."""
        if self.pid is not None:
            raise RuntimeError(f"the process {self.task} is running already")
        sys.stdout.flush()
        sys.stderr.flush()
        # What is alive now stays where it is: the collector's passes would otherwise
        # write into every object's header, and the two processes would each copy the
        # whole heap.  (collector.build_ends unfreezes it after the build.)
        gc.freeze()
        parent = os.getpid()
        reader, writer = os.pipe()
        data_reader, data_writer = os.pipe() if takes_data else (None, None)
        # A stop signal (AtomicOutput's SIGTERM handler raises SystemExit) waits until
        # the child is known, then stops the build.
        with stop_signals_held() as held:
            pid = os.fork()
            if pid == 0:  # the child: never returns
                for end in (reader, data_writer, *_parent_ends):
                    if end is not None:
                        os.close(end)
                _parent_ends.clear()
                if data_reader is not None:
                    self.from_parent = os.fdopen(data_reader, "rb")
                self._run_and_exit(work, writer, parent, held)
            os.close(writer)
            if data_reader is not None:
                os.close(data_reader)
            self.pid, self.task, self.reader = pid, task, reader
            _parent_ends.add(reader)
            if data_writer is not None:
                self.to_child = os.fdopen(data_writer, "wb")
                _parent_ends.add(data_writer)

    def send(self, value: object, *, last: bool = False) -> None:
        """In the parent: hand ``value`` to the child, which ``received`` waits for it
        (``last``: the child's next ``received`` after it raises EOFError)."""
        if self.to_child is None:
            raise RuntimeError(f"the process {self.task} takes no more data")
        try:
            pickle.dump(value, self.to_child, protocol=pickle.HIGHEST_PROTOCOL)
            self.to_child.flush()
        except BrokenPipeError:
            last = True  # the child died: join says how
        if last:
            self._close_data()

    def received(self) -> object:
        """In the child: the next value the parent ``send``s, once it has sent it."""
        if self.from_parent is None:
            raise RuntimeError("this process takes no data")
        return pickle.load(self.from_parent)

    def join(self) -> Report:
        """Wait for the child and return its report; its failure or death fails the
        build, and its warnings are counted by it (strict mode fails on them)."""
        if self.pid is None or self.reader is None:
            raise RuntimeError("no process to join")
        pid, reader, task = self.pid, self.reader, self.task
        self._forget()
        with os.fdopen(reader, "rb") as pipe:
            report_bytes = pipe.read()
        _, status = os.waitpid(pid, 0)
        report = json.loads(report_bytes) if report_bytes else {}
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            raise PluginError(
                f"resolutions: the process {task} was stopped by {name}: the site is not complete"
            )
        code = os.waitstatus_to_exitcode(status)
        if report.get("error") or code != 0:
            raise PluginError(
                f"resolutions: the process {task} failed: "
                f"{report.get('error') or f'exit status {code}'}"
            )
        warnings = report.get("warnings", 0)
        if warnings:
            # Logged here, so that strict mode counts them (the child's own count dies
            # with it).
            log.warning("resolutions: %d warning(s) above came from %s", warnings, task)
        return report

    def stop(self) -> None:
        """The build failed: the child is killed, what it made will not be used."""
        if self.pid is None:
            return
        pid, reader = self.pid, self.reader
        self._forget()
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        if reader is not None:
            os.close(reader)

    def _close_data(self) -> None:
        if self.to_child is not None:
            _parent_ends.discard(self.to_child.fileno())
            with contextlib.suppress(BrokenPipeError):  # the child died: join says how
                self.to_child.close()
            self.to_child = None

    def _forget(self) -> None:
        self._close_data()
        if self.reader is not None:
            _parent_ends.discard(self.reader)
        self.pid = self.reader = None

    def _run_and_exit(
        self,
        work: Callable[[ForkedChild], Report],
        writer: int,
        parent: int,
        signal_mask: set[int | signal.Signals] | None,
    ) -> None:
        """In the child: run ``work``, report on ``writer`` and exit without running
        anything of the parent's (its ``finally`` clauses, atexit handlers, the
        output's swap)."""
        report: Report = {}
        status = 1
        try:
            die_with_parent(parent)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            if signal_mask is not None:  # as before the fork (stop_signals_held)
                signal.pthread_sigmask(signal.SIG_SETMASK, signal_mask)
            counter = CountHandler()
            counter.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(counter)
            report = work(self)
            report["warnings"] = sum(count for _, count in counter.get_counts())
            usage = resource.getrusage(resource.RUSAGE_SELF)  # since the fork
            report["cpu"] = usage.ru_utime + usage.ru_stime
            status = 0
        except BaseException as error:  # reported to the parent, whatever it was
            where = f" ({self.doing})" if self.doing else ""
            report = {"error": f"{type(error).__name__}: {error}{where}"[:4000]}
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
                data = json.dumps(report).encode("utf-8")
                while data:
                    data = data[os.write(writer, data) :]
                os.close(writer)
            finally:
                os._exit(status)
