{{/*
The LoadTest operator (operator.enabled): its name, its ServiceAccount, and the checks of values it cannot honour.
*/}}

{{- define "imager.operatorName" -}}
{{- printf "%s-operator" (include "imager.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The operator hands the pods it creates a user and a password, or nothing: other NATS set-ups are not yet passed on. */}}
{{- define "imager.validateOperator" -}}
{{- if .Values.operator.enabled }}
{{- if not (has .Values.natsAuth.type (list "password" "none")) }}
{{- fail (printf "operator.enabled=true needs natsAuth.type password or none (the operator does not hand out %s credentials yet): set operator.enabled=false" .Values.natsAuth.type) }}
{{- end }}
{{- if or .Values.natsTls.enabled .Values.natsTls.existingSecret }}
{{- fail "operator.enabled=true does not pass natsTls on to the pods it creates yet: set operator.enabled=false" }}
{{- end }}
{{- end }}
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
{{- if eq .Values.natsAuth.type "password" }}
- {{ printf "--nats-auth-secret=%s" (include "imager.natsAuthSecretName" .) | quote }}
- {{ printf "--nats-coordinator-user=%s" .Values.natsAuth.users.coordinator | quote }}
- {{ printf "--nats-worker-user=%s" .Values.natsAuth.users.worker | quote }}
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
{{- end }}
