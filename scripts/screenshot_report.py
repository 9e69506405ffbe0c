"""Screenshot an HTML report in headless Chromium (the README's picture, review notes).

    python scripts/screenshot_report.py reports/seeds.html docs/report.png --height 1400

Needs /usr/bin/chromium, /usr/bin/chromedriver and selenium (the test extra). The
page is loaded from file://; nothing is fetched.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

# The flags the browser test uses: headless, and no network of the browser's own.
FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
).split()
# A laptop screen's width; the height follows the page unless --height caps it.
WIDTH = 1280


def screenshot(page: Path, target: Path, height: int | None = None) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = Path(tempfile.mkdtemp(prefix="chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={WIDTH},1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(page.resolve().as_uri())
        full = int(driver.execute_script("return document.documentElement.scrollHeight"))
        driver.set_window_size(WIDTH, min(full, height) if height else full)
        target.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(target))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--height", type=int, default=None, help="cap the height (pixels)")
    args = parser.parse_args()
    screenshot(args.page, args.target, args.height)
    print(f"{args.target}: {args.target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
