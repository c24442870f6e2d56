namespace Orleans.Saga.Domain; internal static class Placeholder {}
