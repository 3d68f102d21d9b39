"""Run every benchmark: `make bench` (or `python -m benchmarks`)."""

from . import import_csv, pages

if __name__ == "__main__":
    print("Public pages")
    pages.main()
    print("\nCSV import")
    import_csv.main()
