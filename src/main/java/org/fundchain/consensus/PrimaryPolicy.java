package org.fundchain.consensus;

/** How the primary of (height, view) is chosen. */
public enum PrimaryPolicy {
    /** p = (h − v) mod N: a new primary every block and every view change. */
    ROTATION,
    /** Credit scores from the committed chain and a roulette wheel seeded by the previous block hash and the view. */
    CREDIT
}
