from dexto_config.entry import main

raise SystemExit(main())
