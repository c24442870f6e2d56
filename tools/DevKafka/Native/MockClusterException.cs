namespace Orleans.Saga.DevKafka.Native;

/// <summary>A mock cluster call that returned a librdkafka error code.</summary>
internal sealed class MockClusterException(string action, int errorCode)
    : InvalidOperationException($"Cannot {action}: {LibRdKafka.ErrorText(errorCode)}");
