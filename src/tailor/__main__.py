from tailor.cli.app import main

main()
