package dev.chattoken.sidecar.token;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The clock tokens are stamped with; one bean so that tests and later code can see the same time source. */
public class Clocks {

    @Produces
    @Singleton
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
