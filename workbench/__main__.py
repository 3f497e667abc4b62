"""`python -m workbench` runs the command-line interface."""

from workbench.cli import main

if __name__ == "__main__":
    # Guarded: the terminal workbench's helper process imports this module again.
    main()
