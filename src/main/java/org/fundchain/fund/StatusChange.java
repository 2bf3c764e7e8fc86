package org.fundchain.fund;

/** One entry of a status history: new status, block time (epoch ms), signer id, optional note/reason. */
public record StatusChange(String status, long at, String by, String note) {
}
