#!/opt/site-tools/venv/bin/python
"""Runs search queries on a built site in headless Chromium and prints what the
search page shows. Usage: scripts/search-check.py [--file-urls] SITE_DIR QUERY [EXPECTED_TITLE]...
Each QUERY may be followed by titles that must be among its results; exit 1 if not.
Needs ../shared/tools/setup.sh (Chromium, chromedriver, Selenium)."""
import functools, os, http.server, socketserver, sys, threading, time, urllib.parse
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

file_urls = sys.argv[1] == "--file-urls"  # open the site from disk, as from a USB stick
args = sys.argv[2:] if file_urls else sys.argv[1:]
site, query, expected = os.path.abspath(args[0]), args[1], args[2:]
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

handler = functools.partial(Quiet, directory=site)
server = socketserver.TCPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
options = webdriver.ChromeOptions()
options.binary_location = "/usr/lib/chromium/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    if file_urls:
        driver.get(f"file://{site}/search/index.html?q={urllib.parse.quote(query)}")
    else:
        driver.get(f"http://127.0.0.1:{server.server_address[1]}/search/?q={urllib.parse.quote(query)}")
    for _ in range(50):
        if driver.find_element(By.ID, "placard-results").text:
            break
        time.sleep(0.1)
    titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".search-results li > a")]
    marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, ".search-results mark")]
    print(f"{query!r}: {len(titles)} results: {titles[:8]}; marked: {marks[:3]}")
    missing = [t for t in expected if t not in titles]
    if missing:
        print(f"missing: {missing}")
        sys.exit(1)
finally:
    driver.quit()
    server.shutdown()
