package dev.chattoken.sidecar.crypto;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * A native pointer shared by its owner and the signatures in flight, freed exactly once: when the owner has closed it
 * and the last user has released it. Counting references rather than freeing on close is what keeps a request that
 * picked the key just before a rotation from signing with freed memory.
 */
final class SharedHandle {

    private final long address;
    private final LongConsumer free;
    /** The owner's reference plus one per user; 0 means freed, and then it never rises again. */
    private final AtomicInteger references = new AtomicInteger(1);

    private final AtomicBoolean closed = new AtomicBoolean();

    SharedHandle(long address, LongConsumer free) {
        this.address = address;
        this.free = free;
    }

    /** @return true, and the pointer stays valid until {@link #release()}; false once it was freed */
    boolean acquire() {
        while (true) {
            int count = references.get();
            if (count == 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    /** Ends one {@link #acquire()}d use. */
    void release() {
        if (references.decrementAndGet() == 0) {
            free.accept(address);
        }
    }

    /** The owner gives the pointer up; idempotent. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    /** Valid only between a successful {@link #acquire()} and its {@link #release()}. */
    long address() {
        return address;
    }
}
