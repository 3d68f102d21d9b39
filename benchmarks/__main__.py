"""Run every benchmark: `make bench` (or `python -m benchmarks`)."""

from . import pages

if __name__ == "__main__":
    pages.main()
