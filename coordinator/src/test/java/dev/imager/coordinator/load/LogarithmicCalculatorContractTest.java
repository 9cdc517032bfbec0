package dev.imager.coordinator.load;

class LogarithmicCalculatorContractTest extends LoadCalculatorContract {

    @Override
    LoadCalculatorFactory factory() {
        return ExponentialCalculatorFactory.logarithmic();
    }
}
