package dev.imager.coordinator.load;

class AdaptiveExponentialCalculatorContractTest extends LoadCalculatorContract {

    @Override
    LoadCalculatorFactory factory() {
        return new AdaptiveExponentialCalculatorFactory();
    }
}
