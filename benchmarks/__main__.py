"""Run every benchmark: `make bench` (or `python -m benchmarks`)."""

from . import endpoints, import_csv, map_page, pages

if __name__ == "__main__":
    print("Public pages (server time per request)")
    pages.main()
    print("\nCSV import")
    import_csv.main()
    print("\nHome page in Chromium")
    map_page.main()
    print("\nPublic endpoints under gunicorn, against Flask hello (req/s ratios; first run builds the 100k database)")
    endpoints.main()
