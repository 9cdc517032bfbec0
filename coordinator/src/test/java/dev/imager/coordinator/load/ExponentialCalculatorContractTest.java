package dev.imager.coordinator.load;

class ExponentialCalculatorContractTest extends LoadCalculatorContract {

    @Override
    LoadCalculatorFactory factory() {
        return ExponentialCalculatorFactory.exponential();
    }
}
