package dev.chattoken.sidecar.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lifetime of a native key: freed once, when closed and no longer in use; never used after. */
class SharedHandleTest {

    @Test
    void closingAnUnusedHandleFreesItOnceAndNoUseFollows() {
        List<Long> freed = new ArrayList<>();
        SharedHandle handle = new SharedHandle(42L, freed::add);
        assertTrue(handle.acquire());
        handle.release();
        assertEquals(List.of(), freed, "in use by its owner: not freed");
        handle.close();
        handle.close();
        assertEquals(List.of(42L), freed, "freed exactly once");
        assertFalse(handle.acquire(), "no use after the free");
    }

    @Test
    void aSignatureInFlightKeepsTheHandleAliveUntilItEnds() {
        List<Long> freed = new ArrayList<>();
        SharedHandle handle = new SharedHandle(7L, freed::add);
        assertTrue(handle.acquire());
        handle.close();
        assertEquals(List.of(), freed, "closed while a signature holds it: still there");
        assertTrue(handle.acquire(), "still alive, so still usable");
        handle.release();
        assertEquals(List.of(), freed);
        handle.release();
        assertEquals(List.of(7L), freed, "the last user frees it");
        assertFalse(handle.acquire());
    }

    @Test
    void underConcurrentUseAndCloseTheHandleIsFreedOnceAndNeverUsedFreed() throws Exception {
        for (int round = 0; round < 200; round++) {
            AtomicInteger frees = new AtomicInteger();
            AtomicBoolean isFreed = new AtomicBoolean();
            AtomicBoolean usedAfterFree = new AtomicBoolean();
            SharedHandle handle = new SharedHandle(1L, address -> {
                frees.incrementAndGet();
                isFreed.set(true);
            });
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> users = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                users.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 1000; i++) {
                        if (handle.acquire()) {
                            if (isFreed.get()) {
                                usedAfterFree.set(true);
                            }
                            handle.release();
                        }
                    }
                }));
            }
            start.countDown();
            Thread.onSpinWait();
            handle.close();
            for (Thread user : users) {
                user.join();
            }
            assertEquals(1, frees.get(), "round " + round);
            assertFalse(usedAfterFree.get(), "round " + round);
        }
    }
}
