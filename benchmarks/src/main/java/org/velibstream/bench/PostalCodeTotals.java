package org.velibstream.bench;

/** The sums of one postal code over one station_status document, as the floor computes them. */
public record PostalCodeTotals(String postalCode, int stations, int bikes, int mechanical, int ebikes, int docks) {}
