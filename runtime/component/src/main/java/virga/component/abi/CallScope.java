package virga.component.abi;

import java.util.ArrayList;
import java.util.List;
import virga.component.TrapException;

/**
 * The borrow bookkeeping of one cross-component call: how many borrow handles the callee received
 * and has not dropped yet, and which own handles of the caller are lent out for the call.
 */
public final class CallScope {
  private int borrowCount;
  private List<HandleTable.Entry> lenders;

  /** The number of borrow handles received for this call and not yet dropped. */
  public int borrowCount() {
    return borrowCount;
  }

  void borrowReceived() {
    borrowCount++;
  }

  void borrowDropped() {
    borrowCount--;
  }

  void addLender(HandleTable.Entry own) {
    own.lendCount++;
    if (lenders == null) {
      lenders = new ArrayList<>(2);
    }
    lenders.add(own);
  }

  /**
   * Ends the callee side of the call: a callee may not return while it still holds a borrow handle
   * it received for the call.
   */
  void finishCallee() {
    if (borrowCount != 0) {
      throw new TrapException(
          "canonical ABI: call returned while still holding "
              + borrowCount
              + " borrowed handle(s); borrows must be dropped before returning");
    }
  }

  /** Ends the caller side: the own handles lent for the call may be dropped again. */
  void releaseLenders() {
    if (lenders != null) {
      for (HandleTable.Entry e : lenders) {
        e.lendCount--;
      }
      lenders = null;
    }
  }
}
