"""The console entry point: exit codes for what goes wrong outside the checks.

    0    nothing at or above --fail-on
    1    findings at or above --fail-on
    2    usage or configuration error, no input could be read, or the current folder
         cannot be read (removed while the shell was in it)
    3    internal error (a bug in factcheck: one line, and a request to report it)
    130  interrupted (Ctrl-C), at any moment, start-up and imports included

Only this module is imported before the handlers are in place, so a Ctrl-C
while click, rich or jieba load is one line too, never a traceback.
"""
from __future__ import annotations

import os
import sys

EXIT_INTERNAL, EXIT_INTERRUPTED = 3, 130


def _say(message: str) -> None:
    try:
        from .report.escape import visible

        print(f"factcheck: {visible(' '.join(message.split(chr(10))))}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass  # stderr closed: the exit code still tells


_interrupted = False


def _on_interrupt(signum, frame) -> None:
    """Ctrl-C, as Python's own handler, and remembered: a KeyboardInterrupt raised while a
    finalizer runs (a __del__, a weakref callback) is swallowed there, and the run would
    otherwise go on to its end and exit 1."""
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def _quiet_interrupts(hook):
    def unraisable(info) -> None:
        if not issubclass(info.exc_type, KeyboardInterrupt):  # (a swallowed Ctrl-C: 130 below, one line)
            hook(info)
    return unraisable


def run(args: list[str] | None = None) -> None:
    """``factcheck ...``: the click commands, with every way out mapped to an exit code."""
    import signal
    import threading
    import warnings

    global _interrupted
    _interrupted = False
    try:
        os.getcwd()
    except OSError as exc:  # the shell's folder was removed: relative paths name nothing, and it is no bug
        _say(f"cannot read the current folder ({exc.strerror}); it was removed, or may not be read: "
             "change to another folder and run factcheck again")
        sys.exit(2)
    # A warning (a cache rebuilt or bypassed) is one line, like the errors.
    warnings.showwarning = lambda message, *args, **kwargs: _say(f"warning: {message}")
    from . import compiled

    compiled.install()  # before the modules whose patterns it keeps are imported
    handling = threading.current_thread() is threading.main_thread()
    if handling:
        previous = signal.signal(signal.SIGINT, _on_interrupt), sys.unraisablehook
        sys.unraisablehook = _quiet_interrupts(sys.unraisablehook)
    try:
        import click

        from .cli import main

        try:
            code = main.main(args, prog_name="factcheck", standalone_mode=False)
        except click.exceptions.Abort as exc:
            if isinstance(exc.__cause__, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            _say("aborted")
            code = 1
        except click.exceptions.ClickException as exc:
            exc.show()
            code = exc.exit_code
    except KeyboardInterrupt:
        _say("interrupted")
        code = EXIT_INTERRUPTED
    except SystemExit as exc:
        code = exc.code
        if isinstance(code, str):  # sys.exit("message"), as Python itself would say it
            print(code, file=sys.stderr)
            code = 1
    except ModuleNotFoundError as exc:  # a broken install, not a bug: say which package, and how to mend it
        _say(f"cannot run: {exc}. A package factcheck needs is missing; reinstall factcheck (pip install -e .)"
             " or the package named")
        code = EXIT_INTERNAL
    except Exception as exc:
        if os.environ.get("FACTCHECK_DEBUG") == "1":
            import traceback

            traceback.print_exc()
        _say(f"internal error: {type(exc).__name__}: {exc}. This is a bug in factcheck: please report it,"
             " with the command that gave it (FACTCHECK_DEBUG=1 shows the traceback)")
        code = EXIT_INTERNAL
    if _interrupted and code != EXIT_INTERRUPTED:  # a Ctrl-C that a finalizer swallowed on the way
        _say("interrupted")
        code = EXIT_INTERRUPTED
    if handling:
        signal.signal(signal.SIGINT, previous[0])
        sys.unraisablehook = previous[1]
    code = code if isinstance(code, int) else 0
    if not _interrupted:
        try:
            compiled.save()
        except KeyboardInterrupt:  # (while it writes: one line too)
            _say("interrupted")
            code = EXIT_INTERRUPTED
    if args is None and _alone():  # the command itself, not a caller in Python: leave without freeing the heap
        _leave(code)
    sys.exit(code)


def _alone() -> bool:
    """No worker process or thread is left that the interpreter's own exit would wait for
    (after Ctrl-C the pool's are: they must be stopped, not orphaned)."""
    import threading

    children = sys.modules.get("multiprocessing")
    return threading.active_count() == 1 and not (children and children.active_children())


def _leave(code: int) -> None:
    """Exit at once once the output is flushed: tearing down the interpreter frees every
    figure and finding one by one (0.03 s for one article, about 0.1 s for 5 MB), for nothing.
    Files and the caches are closed by then."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (``| head``): nothing more can be said
            pass
    os._exit(code)
