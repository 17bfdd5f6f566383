# normalise.awk -- an HTML report without its style and scripts (and the
# hashes of them in the content security policy), which the browser test
# and reports/html/embed.sh --check cover: what is left is the report.
/<meta http-equiv="Content-Security-Policy"/ {
    print "<meta http-equiv=\"Content-Security-Policy\" (hashes left out)>"
    next
}
skip { if (index($0, skip)) skip = ""; next }
/^<style>/ {
    print "<style>(reports/html/report.css)</style>"
    if (!index($0, "</style>")) skip = "</style>"
    next
}
/^<script>/ {
    print "<script>(reports/html/*.js)</script>"
    if (!index($0, "</script>")) skip = "</script>"
    next
}
{ print }
