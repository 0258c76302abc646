from wizard_app.cli import main

raise SystemExit(main())
