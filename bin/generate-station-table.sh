#!/usr/bin/env bash
# Regenerates data/stations.csv (see data/README.md). Inputs default to the real data in ../shared/data;
# pass other files as: STATION_INFORMATION=… ARRONDISSEMENTS=… COMMUNES=… POSTAL_CODES=… bin/generate-station-table.sh
set -euo pipefail
# -h, --help: the header above, on stdout.
if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
    sed -n '2,/^[^#]\|^$/{/^#/{s/^# \{0,1\}//;p;};}' "$0"
    exit 0
fi
cd "$(dirname "$0")/.."

shared=../shared/data
station_information=${STATION_INFORMATION:-$shared/gbfs_snapshots/2024-11-19_banacchini/station_information.json}
arrondissements=${ARRONDISSEMENTS:-$shared/mappings/etp4eva/arrondissements.geojson}
communes=${COMMUNES:-$shared/mappings/etp4eva/communes-dile-de-france-au-01-janvier.geojson}
postal_codes=${POSTAL_CODES:-$shared/mappings/laposte_hexasmal_idf.csv}
output=${OUTPUT:-data/stations.csv}

# The generator is tools/station-table; -am resolves data and source-connectors from their target/classes, so
# nothing needs installing.
mvn -B -q ${MAVEN_OFFLINE:+-o} -pl tools/station-table -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
java -cp "tools/station-table/target/classes:$(cat tools/station-table/target/classpath.txt)" \
    org.velibstream.tools.stationtable.StationTableGenerator \
    --station-information "$station_information" \
    --arrondissements "$arrondissements" \
    --communes "$communes" \
    --postal-codes "$postal_codes" \
    --output "$output"
