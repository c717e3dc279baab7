# Sourced by the bench scripts (from the repository root): sets DATA to the Debian corpus and says which.
# DATASETS=folder holding debian-packages.ndjson.gz (the full 63,666-package catalogue) for the published
# figures; without it, the checked-in sample of 6,367 packages (tests/Data/README.md).
if [ -n "${DATASETS:-}" ] && [ -f "$DATASETS/debian-packages.ndjson.gz" ]; then
  DATA=$DATASETS/debian-packages.ndjson.gz
else
  [ -n "${DATASETS:-}" ] && echo "DATASETS=$DATASETS holds no debian-packages.ndjson.gz" >&2
  DATA=tests/Data/debian-packages-sample.ndjson.gz
fi
echo "corpus: $DATA" >&2
