{{/*
The LoadTest operator (operator.enabled): its name and its arguments.
*/}}

{{- define "imager.operatorName" -}}
{{- printf "%s-operator" (include "imager.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The operator's arguments: what every run it starts gets (docs/loadtest-resource.md#the-controller). */}}
{{- define "imager.operatorArgs" -}}
{{- $o := .Values.operator -}}
- {{ printf "--namespace=%s" .Release.Namespace | quote }}
- {{ printf "--coordinator-image=%s" (include "imager.image" .Values.image.coordinator) | quote }}
- {{ printf "--worker-image=%s" (include "imager.image" .Values.image.worker) | quote }}
- {{ printf "--image-pull-policy=%s" .Values.image.coordinator.pullPolicy | quote }}
- {{ printf "--nats-url=%s" (include "imager.natsUrl" .) | quote }}
- {{ printf "--subject-prefix=%s" .Values.subjectPrefix | quote }}
{{- /* The identities and TLS as the chart's own pods get them (_nats-client.tpl): names of Secrets, never secrets. */}}
{{- $auth := .Values.natsAuth }}
- {{ printf "--nats-auth=%s" $auth.type | quote }}
{{- if ne $auth.type "none" }}
- {{ printf "--nats-auth-secret=%s" (include "imager.natsAuthSecretName" .) | quote }}
{{- end }}
{{- if eq $auth.type "password" }}
- {{ printf "--nats-coordinator-user=%s" $auth.users.coordinator | quote }}
- {{ printf "--nats-worker-user=%s" $auth.users.worker | quote }}
{{- else if eq $auth.type "token" }}
- {{ printf "--nats-token-key=%s" $auth.tokenKey | quote }}
{{- end }}
{{- with .Values.natsTls }}
{{- if .enabled }}
- "--nats-tls=true"
{{- end }}
{{- if .existingSecret }}
- {{ printf "--nats-tls-secret=%s" .existingSecret | quote }}
- {{ printf "--nats-tls-ca-key=%s" .caKey | quote }}
- {{ printf "--nats-tls-cert-key=%s" .certKey | quote }}
- {{ printf "--nats-tls-key-key=%s" .keyKey | quote }}
{{- end }}
{{- end }}
- {{ printf "--app-name=%s" (include "imager.name" .) | quote }}
- {{ printf "--instance=%s" .Release.Name | quote }}
- {{ printf "--coordinator-service-account=%s" (include "imager.serviceAccountName" .) | quote }}
- {{ printf "--coordinator-listen-port=%v" .Values.coordinator.listenPort | quote }}
- {{ printf "--worker-metrics-port=%v" .Values.worker.metricsPort | quote }}
- {{ printf "--pod-network-cidrs=%s" (join "," .Values.allowedTargets.podNetworkCidrs) | quote }}
- {{ printf "--poll-interval=%s" $o.pollInterval | quote }}
- {{ printf "--report-hold=%s" $o.reportHold | quote }}
- {{ printf "--network-policies=%t" .Values.networkPolicy.enabled | quote }}
- {{ printf "--health-port=%v" $o.healthPort | quote }}
{{- /* The pods it creates pull and land as the release's own: imagePullSecrets, coordinator/worker scheduling. */}}
{{- $pullSecrets := list }}
{{- range .Values.imagePullSecrets }}
{{- $pullSecrets = append $pullSecrets .name }}
{{- end }}
{{- if $pullSecrets }}
- {{ printf "--image-pull-secrets=%s" (join "," $pullSecrets) | quote }}
{{- end }}
{{- with include "imager.schedulingJson" .Values.coordinator }}
- {{ printf "--coordinator-scheduling=%s" . | quote }}
{{- end }}
{{- with include "imager.schedulingJson" .Values.worker }}
- {{ printf "--worker-scheduling=%s" . | quote }}
{{- end }}
{{- /* ... and run as the release's own: the workers' tuning flags, both programs' JVM options. */}}
- {{ printf "--worker-args=%s" (include "imager.workerTuningArgs" .) | quote }}
{{- with .Values.worker.javaOpts }}
- {{ printf "--worker-java-opts=%s" . | quote }}
{{- end }}
{{- with .Values.coordinator.javaOpts }}
- {{ printf "--coordinator-java-opts=%s" . | quote }}
{{- end }}
{{- end }}

{{/* A component's nodeSelector, tolerations and affinity as one JSON object of the non-empty ones; "" when none. */}}
{{- define "imager.schedulingJson" -}}
{{- $s := dict }}
{{- with .nodeSelector }}{{- $_ := set $s "nodeSelector" . }}{{- end }}
{{- with .tolerations }}{{- $_ := set $s "tolerations" . }}{{- end }}
{{- with .affinity }}{{- $_ := set $s "affinity" . }}{{- end }}
{{- if $s }}{{- toJson $s }}{{- end }}
{{- end }}
