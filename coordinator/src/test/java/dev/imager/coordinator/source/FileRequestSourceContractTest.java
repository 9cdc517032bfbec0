package dev.imager.coordinator.source;

class FileRequestSourceContractTest extends RequestSourceContract {

    @Override
    RequestSource newSource() {
        return new FileRequestSource(FileRequestSourceTest.fixture("example-requests.json"));
    }
}
