# lib.sh -- running one hostile case, shared by run.sh and bless.sh.
#
# hostile_run DIR WORK: copy case DIR into WORK, run its setup, hash the
# database it names, run cmd (under a timeout, so a hang is a failure and
# not a stuck suite), and leave there: .out and .err (with the folders of
# this checkout written as $TOP), .exit; setup_failed is set when setup
# failed, db_changed says how the database changed.
HOSTILE_TIMEOUT=${HOSTILE_TIMEOUT:-120}
hostile_hash() {
    if [ -e "$1" ]; then sha256sum <"$1"; else echo absent; fi
}
hostile_run() {
    setup_failed=
    db_changed=
    cp -R "$1/." "$2/"
    if [ -f "$2/setup" ]; then
        (cd "$2" && sh ./setup >"$2/.setup" 2>&1) || setup_failed=1
    fi
    db=
    [ -f "$1/db" ] && db=$(cat "$1/db")
    [ -n "$db" ] && before=$(cd "$2" && hostile_hash "$db")
    (cd "$2" && timeout "$HOSTILE_TIMEOUT" sh ./cmd >"$2/.raw" 2>"$2/.rawerr" \
        </dev/null; echo $? >"$2/.exit")
    sed -e "s#$top#\$TOP#g" "$2/.raw" >"$2/.out"
    sed -e "s#$top#\$TOP#g" "$2/.rawerr" >"$2/.err"
    if [ -n "$db" ]; then
        after=$(cd "$2" && hostile_hash "$db")
        if [ "$before" != "$after" ]; then
            if [ "$before" = absent ]; then
                db_changed="$db was created"
            else
                db_changed="$db changed (sha256 $before before, $after after)"
            fi
        fi
    fi
}
