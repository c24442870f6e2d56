namespace Orleans.Saga.Grains; internal static class Placeholder {}
