{{/*
The coordinator's arguments and pod template, shared by its Deployment and its Job (coordinator.kind).
*/}}

{{/* Arguments: the original's flags as -name=value, imager's new flags as --name=value (docs/flags.md). */}}
{{- define "imager.coordinatorArgs" -}}
{{- $c := .Values.coordinator }}
{{- $t := include "imager.target" . | fromJson -}}
- {{ printf "-listen-port=%v" $c.listenPort | quote }}
- {{ printf "-target-mode=%s" $t.mode | quote }}
{{- if eq $t.mode "url" }}
- {{ printf "-target-url=%s" $t.url | quote }}
{{- else }}
- {{ printf "-target-namespace=%s" $t.namespace | quote }}
{{- if eq $t.mode "pod" }}
- {{ printf "-target-deployment=%s" $t.deployment | quote }}
{{- else }}
- {{ printf "-target-service=%s" $t.service | quote }}
{{- end }}
- {{ printf "-target-port-name=%s" $c.target.portName | quote }}
- {{ printf "-target-scheme=%s" $c.target.scheme | quote }}
- {{ printf "-metrics-poll-interval=%s" $c.metricsPollInterval | quote }}
{{- /* The pod's ServiceAccount token: the Role below grants what the mode needs. */}}
- "-in-cluster=true"
{{- end }}
{{- if eq $c.load.model "closed" }}
- "--model=closed"
- {{ printf "--think-time=%s" $c.load.thinkTime | quote }}
{{- end }}
- {{ printf "-request-source-type=%s" $c.requestSource.type | quote }}
{{- if eq $c.requestSource.type "file" }}
- "-request-source-file=/config/requests.json"
{{- else if eq $c.requestSource.type "random-sum" }}
- {{ printf "-random-sum-path=%s" $c.requestSource.randomSum.path | quote }}
- {{ printf "-random-sum-min=%v" $c.requestSource.randomSum.min | quote }}
- {{ printf "-random-sum-max=%v" $c.requestSource.randomSum.max | quote }}
{{- end }}
{{- if $c.load.preset }}
{{- /* A preset is the whole shape: its own peak (-max-rps in extraArgs rescales it) and the stages calculator. */}}
- {{ printf "--preset=%s" $c.load.preset | quote }}
- {{ printf "-min-rps=%v" $c.load.minRps | quote }}
{{- else }}
- {{ printf "-load-calculator=%s" $c.load.calculator | quote }}
- {{ printf "-min-rps=%v" $c.load.minRps | quote }}
- {{ printf "-max-rps=%v" $c.load.maxRps | quote }}
{{- if eq $c.load.calculator "step" }}
- {{ printf "-step-rps=%v" $c.load.stepRps | quote }}
{{- end }}
{{- if eq $c.load.calculator "adaptive-exponential" }}
- {{ printf "-adaptive-max-latency-ms=%v" $c.load.adaptiveMaxLatencyMs | quote }}
{{- end }}
{{- end }}
- {{ printf "-schedule-interval=%s" $c.load.scheduleInterval | quote }}
- {{ printf "-job-duration=%s" $c.load.jobDuration | quote }}
- {{ printf "--request-timeout=%s" $c.requestTimeout | quote }}
{{ include "imager.natsArgs" (dict "ctx" . "identity" "coordinator") }}
- {{ printf "--min-workers=%v" (default .Values.worker.replicas $c.minWorkers) | quote }}
- {{ printf "--worker-wait-timeout=%s" $c.workerWaitTimeout | quote }}
{{- with $c.warmup }}
- {{ printf "--warmup=%s" . | quote }}
{{- end }}
{{- with $c.duration }}
- {{ printf "--duration=%s" . | quote }}
{{- end }}
{{- range $c.thresholds }}
- {{ printf "--threshold=%s" . | quote }}
{{- end }}
{{- if $c.report.enabled }}
- {{ printf "--report-dir=%s" $c.report.dir | quote }}
{{- end }}
- {{ printf "--progress=%s" $c.progress | quote }}
{{- range $c.extraArgs }}
- {{ . | quote }}
{{- end }}
{{- end }}

{{/* The pod template. Call with (dict "ctx" $ "job" true|false). */}}
{{- define "imager.coordinatorPodTemplate" -}}
{{- $ := .ctx }}
{{- $c := $.Values.coordinator }}
{{- $t := include "imager.target" $ | fromJson -}}
metadata:
  labels:
    {{- include "imager.labels" (dict "ctx" $ "component" "coordinator") | nindent 4 }}
    {{- with $c.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- if or $.Values.metrics.scrapeAnnotations (eq $c.requestSource.type "file") $c.podAnnotations }}
  annotations:
    {{- with include "imager.scrapeAnnotations" (dict "ctx" $ "port" $c.listenPort) }}
    {{- . | nindent 4 }}
    {{- end }}
    {{- if eq $c.requestSource.type "file" }}
    # The coordinator reads the request file once, at start: roll the pod when it changes.
    checksum/requests: {{ $c.requestSource.requests | sha256sum }}
    {{- end }}
    {{- with $c.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
spec:
  serviceAccountName: {{ include "imager.serviceAccountName" $ }}
  # pod and service modes read the target through the API server with this token; url mode creates no
  # Kubernetes client, so its pod gets no token at all.
  automountServiceAccountToken: {{ ne $t.mode "url" }}
  # Every flag also reads an IMAGER_* variable: keep Service links (IMAGER_COORDINATOR_PORT, ...) out of the
  # environment.
  enableServiceLinks: false
  {{- if .job }}
  # The exit code is the run's verdict; the Job, not the kubelet, decides about another try.
  restartPolicy: Never
  {{- end }}
  terminationGracePeriodSeconds: {{ include "imager.coordinatorGraceSeconds" $ }}
  {{- with $.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $.Values.podSecurityContext | nindent 4 }}
  containers:
    - name: coordinator
      image: {{ include "imager.image" $.Values.image.coordinator | quote }}
      imagePullPolicy: {{ $.Values.image.coordinator.pullPolicy }}
      args:
        {{- include "imager.coordinatorArgs" $ | nindent 8 }}
      {{- $env := include "imager.natsEnv" (dict "ctx" $ "identity" "coordinator") | trim }}
      {{- if or $env $c.javaOpts $c.extraEnv }}
      env:
        {{- with $env }}
        {{- . | nindent 8 }}
        {{- end }}
        {{- with $c.javaOpts }}
        - name: JAVA_OPTS
          value: {{ . | quote }}
        {{- end }}
        {{- with $c.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
      ports:
        - name: http
          containerPort: {{ $c.listenPort }}
      # /healthz is 200 while NATS is connected. The HTTP server starts once NATS is reached and the target
      # resolved (NATS is tried for up to 30 s), hence the startup probe.
      startupProbe:
        httpGet:
          path: /healthz
          port: http
        periodSeconds: 5
        failureThreshold: 24
      readinessProbe:
        httpGet:
          path: /healthz
          port: http
        periodSeconds: 5
      # A minute without NATS: restart. The client reconnects by itself; this only catches a wedged process.
      livenessProbe:
        httpGet:
          path: /healthz
          port: http
        periodSeconds: 10
        failureThreshold: 6
      resources:
        {{- toYaml $c.resources | nindent 8 }}
      securityContext:
        {{- toYaml $.Values.securityContext | nindent 8 }}
      volumeMounts:
        # The JVM's scratch space: the root filesystem is read-only.
        - name: tmp
          mountPath: /tmp
        {{- if eq $c.requestSource.type "file" }}
        - name: requests
          mountPath: /config
          readOnly: true
        {{- end }}
        {{- if $c.report.enabled }}
        - name: reports
          mountPath: {{ $c.report.dir }}
        {{- end }}
        {{- with include "imager.natsVolumeMounts" (dict "ctx" $ "identity" "coordinator") | trim }}
        {{- . | nindent 8 }}
        {{- end }}
  volumes:
    - name: tmp
      emptyDir: {}
    {{- if eq $c.requestSource.type "file" }}
    - name: requests
      configMap:
        name: {{ include "imager.fullname" $ }}-requests
    {{- end }}
    {{- if $c.report.enabled }}
    - name: reports
      {{- if $c.report.existingClaim }}
      persistentVolumeClaim:
        claimName: {{ $c.report.existingClaim }}
      {{- else }}
      emptyDir: {}
      {{- end }}
    {{- end }}
    {{- with include "imager.natsVolumes" (dict "ctx" $ "identity" "coordinator") | trim }}
    {{- . | nindent 4 }}
    {{- end }}
  {{- with $c.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $c.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $c.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/*
The coordinator's shutdown grace in whole seconds: coordinator.terminationGracePeriodSeconds when set, else what a
graceful end needs (the coordinator's ShutdownGrace): the request timeout and one round (the longer of the schedule
interval and the job duration) for the jobs in flight, 5 s result grace, 5 s safety and 5 s to write
the report.
*/}}
{{- define "imager.coordinatorGraceSeconds" -}}
{{- $c := .Values.coordinator }}
{{- if ne (toString $c.terminationGracePeriodSeconds) "" }}
{{- $c.terminationGracePeriodSeconds }}
{{- else }}
{{- $timeout := include "imager.durationSeconds" (dict "value" $c.requestTimeout "name" "coordinator.requestTimeout") | float64 }}
{{- $interval := include "imager.durationSeconds" (dict "value" $c.load.scheduleInterval "name" "coordinator.load.scheduleInterval") | float64 }}
{{- $span := include "imager.durationSeconds" (dict "value" $c.load.jobDuration "name" "coordinator.load.jobDuration") | float64 }}
{{- $round := max $interval $span | float64 }}
{{- addf $timeout $round 15 | ceil | int }}
{{- end }}
{{- end }}
