import sys

if sys.argv[1:2] == ["--runtime-worker"]:
    # The inference worker process: hand over before the CLI and its imports load.
    from wizard_app.core.runtime.worker import main as worker_main

    raise SystemExit(worker_main())

from wizard_app.cli import main

raise SystemExit(main())
