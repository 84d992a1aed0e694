#!/usr/bin/env bash
# Render an frner HTML page with headless Chromium and save a PNG, to check by eye that
# entities are highlighted (the page must need no network: chromium runs with it cut off).
#
#   scripts/screenshot_html.sh [PAGE.html] [OUT.png]
#
# Without PAGE, a sample page is produced by the html test of tests/io_output.rs (hand-made
# documents, no model needed). Needs Debian's `chromium` (apt-get install -y chromium).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
page=${1:-}
png=${2:-$root/target/frner-html-sample.png}
mkdir -p "$(dirname "$png")"

if [[ -z $page ]]; then
  page=$root/target/frner-html-sample.html
  FRNER_HTML_SAMPLE=$page cargo test --manifest-path "$root/Cargo.toml" --test io_output \
    html_page_is_self_contained_and_escaped -- --quiet
fi
[[ -f $page ]] || { echo "no such page: $page" >&2; exit 2; }
command -v chromium > /dev/null || { echo "chromium not found: apt-get install -y chromium" >&2; exit 2; }

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1200,900 --screenshot="$png" \
  "file://$(realpath "$page")" 2> "$profile/chromium.log" || { cat "$profile/chromium.log" >&2; exit 1; }
[[ -s $png ]] || { echo "chromium wrote no screenshot" >&2; cat "$profile/chromium.log" >&2; exit 1; }
echo "$png"
