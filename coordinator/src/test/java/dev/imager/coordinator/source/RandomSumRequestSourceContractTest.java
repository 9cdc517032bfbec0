package dev.imager.coordinator.source;

import java.util.OptionalLong;

class RandomSumRequestSourceContractTest extends RequestSourceContract {

    @Override
    RequestSource newSource() {
        return new RandomSumRequestSource("/sum", 1, 100, OptionalLong.of(42));
    }
}
