# PyInstaller runtime hook: an unhandled exception of the frozen app is printed to the real
# stderr. The model process replaces sys.stderr with a log stream that goes over its
# connection to the app; when that connection is already closed, the traceback would be
# lost and the app could only report "Failed to execute script". On the real stderr the
# app reads it and quotes it when it reports the process's death.
import sys
import traceback


def _excepthook(kind, value, tb):
    stream = sys.__stderr__ or sys.stderr
    if stream is not None:
        traceback.print_exception(kind, value, tb, file=stream)
        stream.flush()


sys.excepthook = _excepthook
