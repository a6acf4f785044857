#!/usr/bin/env bash
# Debian packages the tests and the optional renderers use: a CJK font (charts, notice PNG), LibreOffice +
# poppler (notice → PDF → PNG, pdftotext), pango/harfbuzz (WeasyPrint: per-site PDF reports) and chromium
# (Playwright drives it for evidence screenshots; `playwright install` is never run).
# Installed only when missing and when we are root with apt-get; otherwise the tests that need them skip.
set -uo pipefail
need=()
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk fontconfig)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# What WeasyPrint's import opens (dlopen): pango, pangoft2, harfbuzz (+ subset, for small CJK font subsets).
for lib in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0; do
  dpkg-query -W -f='${Status}' "$lib" 2>/dev/null | grep -q "ok installed" || need+=("$lib")
done
[ -x "${GOVINSPECT_CHROMIUM:-/usr/bin/chromium}" ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "安装系统软件包：${need[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}") >/tmp/govinspect-apt.log 2>&1 \
    || echo "系统软件包安装失败（见 /tmp/govinspect-apt.log），相关测试将跳过"
else
  echo "缺少 ${need[*]}，且无法自动安装：相关测试将跳过"
fi
