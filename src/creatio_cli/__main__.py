"""`python -m creatio_cli` runs the command line."""

from creatio_cli.cli import main

if __name__ == "__main__":
    main()
