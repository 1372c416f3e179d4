#!/usr/bin/env bash
# Makes the hostile inputs that are too large or too odd to keep in git,
# into the directory given. Each NAME.xml here has tests/bad/NAME.expect.
set -eu
dir=$1
head='<?xml version="1.0" encoding="UTF-8"?>
<plan xmlns="urn:boardpack:plan:1" id="t" format="1" as-at="30/09/2023">'
# invalid UTF-8 in a title
{ echo "$head"; printf '  <title>Caf\xe9 plan</title>\n</plan>\n'; } > "$dir/invalid-utf8.xml"
# a NUL byte
{ echo "$head"; printf '  <title>T\0</title>\n</plan>\n'; } > "$dir/nul-byte.xml"
# a directory where a plan should be
mkdir -p "$dir/directory.xml"
# 100,000 nested elements
{ echo "$head"; printf '  <title>T</title>\n'; 
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<area id=\"a%d\" title=\"x\">", i; print "" }'
  echo '</plan>'; } > "$dir/deep-nesting.xml"
# 70 MB of text: over the size limit
{ echo "$head"; printf '  <title>'; head -c 73400320 /dev/zero | tr '\0' 'a'; printf '</title>\n</plan>\n'; } > "$dir/huge-file.xml"
# 20 MB of text in one element: within the size limit, over the text limit
{ echo "$head"; printf '  <title>T</title>\n  <introduction>'; head -c 20971520 /dev/zero | tr '\0' 'a'; printf '</introduction>\n</plan>\n'; } > "$dir/huge-text.xml"
# a 1 MB attribute
{ echo "$head"; printf '  <title>T</title>\n  <people><person id="'; head -c 1048576 /dev/zero | tr '\0' 'p'; printf '" name="A"/></people>\n</plan>\n'; } > "$dir/huge-attribute.xml"
# an include through a symbolic link that leads outside the plan's directory
mkdir -p "$dir/symlink-out"
ln -sf "$(cd "$(dirname "$0")" && pwd)/outside-secret.txt" "$dir/symlink-out/part.xml"
printf '%s\n  <title>T</title>\n  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="part.xml"/>\n</plan>\n' "$head" > "$dir/symlink-out.xml.plan"
mv "$dir/symlink-out.xml.plan" "$dir/symlink-out/plan.xml"
# a FIFO where a plan should be: must not hang
mkfifo "$dir/fifo.xml" 2>/dev/null || true
