package org.fundchain.fund;

import java.util.List;

/** One page of a longer list: {@code page} counts from 0; {@code total} is the number of matching items. */
public record Page<T>(List<T> items, int page, int size, long total) {
    public Page {
        items = List.copyOf(items);
    }

    public int pages() {
        return size <= 0 ? 0 : (int) ((total + size - 1) / size);
    }
}
