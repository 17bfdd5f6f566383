# gen-facts.awk -- print N valid facts as JSON Lines (N from -v n=...),
# for end-to-end cases that need many records.
BEGIN {
    if (n == "") n = 1000
    for (i = 1; i <= n; i++)
        printf("{\"id\": \"g%04d\", \"doc\": \"d%d\", \"metric\": \"sme.count\", " \
               "\"subject\": \"china\", \"value\": %d, \"unit\": \"count\", " \
               "\"qualifier\": \"exact\", \"interval\": [%d, %d], \"period\": \"%d\"}\n",
               i, i % 7, 1000 + i, 1000 + i, 1000 + i, 2000 + i % 25)
}
