namespace Orleans.Saga.Silo.Hosting;

/// <summary>Whether this process runs in a Kubernetes pod.</summary>
public static class KubernetesEnvironment
{
    /// <summary>Set by the kubelet in every container of a pod.</summary>
    public const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";

    public static bool IsInPod => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ServiceHostVariable));
}
