#!/usr/bin/env bash
# Refreshes the JavaScript the course ships (so that charts and the HTML export work with no network) from the npm
# packages, pinned here, and rewrites each folder's SHA256SUMS. Not part of the build or the tests: the files are
# committed, and the build checks them against SHA256SUMS before embedding them.
#   data/plotly/  plotly.js-dist-min 2.35.2: plotly.min.js, LICENSE  (embedded in lib/Course, drawn by Course.Plots.Figure)
#   data/katex/   katex 0.16.22: katex.min.js, katex.min.css, fonts/*.woff2, LICENSE
#                 (embedded in lib/Course.Cli, for `course convert`'s math)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# fetch PACKAGE VERSION: unpacks the npm tarball into $work/PACKAGE.
fetch() {
    (cd "$work" && npm pack "$1@$2" --silent >/dev/null)
    mkdir -p "$work/$1"
    tar xzf "$work/$1-$2.tgz" -C "$work/$1" --strip-components=1
}

fetch plotly.js-dist-min 2.35.2
rm -rf data/plotly && mkdir -p data/plotly
cp "$work/plotly.js-dist-min/plotly.min.js" "$work/plotly.js-dist-min/LICENSE" data/plotly/
(cd data/plotly && sha256sum plotly.min.js > SHA256SUMS)

fetch katex 0.16.22
rm -rf data/katex && mkdir -p data/katex/fonts
cp "$work/katex/dist/katex.min.js" "$work/katex/dist/katex.min.css" "$work/katex/LICENSE" data/katex/
cp "$work/katex/dist/fonts/"*.woff2 data/katex/fonts/
(cd data/katex && sha256sum katex.min.js katex.min.css fonts/*.woff2 > SHA256SUMS)
echo "vendor-npm: data/plotly and data/katex refreshed; review 'git diff --stat data/'."
